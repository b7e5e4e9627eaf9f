Stops the forwarder (${files.STOP_FORWARDING}) before the new server stops, so that the old server's own services can
take its ports again; nothing when it ended already. migrate --stop-forwarding runs the same.
