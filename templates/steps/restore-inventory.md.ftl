Puts ${inputs.planFile(files.INVENTORY_OLD)} back as ${inputs.inventory()}, byte for byte. Refused when the file
changed since the switch in another way than the run's own.
