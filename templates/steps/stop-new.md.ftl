Disables and stops every matrix* unit of the new server (${files.STOP_UNITS}), before the old one starts. Its data
stays as it is.
