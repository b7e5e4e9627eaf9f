Removes the run's key from the new server's authorized_keys and from the old server (${files.CLEANUP}), wherever it
still is.
