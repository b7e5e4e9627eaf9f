Installs ${inputs.planFile(files.INVENTORY_NEW)} as ${inputs.inventory()} (see ${inputs.planFile(files.INVENTORY_DIFF)}).
The current file stays as ${inputs.inventory()}.bak-<time>.
