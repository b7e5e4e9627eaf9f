Removes the key the final pass left from the new server's authorized_keys and from the old server
(${files.CLEANUP}), outside the downtime. It also runs when a step after the final pass fails.
