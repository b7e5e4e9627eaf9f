Only on the dump route; on the copy route it has nothing to do.

- ${files.PREPARE_IMPORT} checks that ${inputs.dumpFile()} is there. When an earlier attempt's import did not end, it
  empties the new server's Postgres (never once the new server may have served users), and --tags=setup-postgres
  makes its roles and databases again.
- The playbook's --tags=import-postgres imports the dump; --tags=run-postgres-vacuum rebuilds the statistics.
- ${files.DATABASE_ROWS} requires every table's row count to equal the old server's
  (${inputs.planFile(files.ROWS_NEW)} beside ${inputs.planFile(files.ROWS_OLD)}), before anything starts.
