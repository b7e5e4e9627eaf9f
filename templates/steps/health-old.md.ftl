Asks the old server what the health check asked of the new one (${files.HEALTH}, polled for up to ${wait?c} s). Its
server name and signing keys must be those it answered in the preflight.
