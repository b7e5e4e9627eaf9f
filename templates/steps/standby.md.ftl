Only on the stream route; on another it does nothing. While the old server still serves, in one run of
${files.STANDBY}:

- A tunnel from the old server's Postgres socket (postgres_run_path) to 127.0.0.1:${port?c} on the new server: ssh -R
  from the old server with a key of this run's own, authorized on new from the old server's address for that one
  forwarding only. It connects again when the link drops; the cutover ends it.
- pg_basebackup -X stream -C -S (a replication slot named after the run) -R --checkpoint=fast, in the postgres role's
  image of the old server's version, as the matrix user, into the new server's empty
  ${inputs.values().postgresDataPath()}.
- A standby in a container of the run's own (${container}), never the playbook's matrix-postgres, with the old
  server's max_connections, max_worker_processes, max_prepared_transactions, max_locks_per_transaction and
  max_wal_senders, follows the old server until the cutover.
- Again after an interruption: a standby already following goes on; a base backup that did not end begins again.
