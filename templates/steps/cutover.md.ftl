<#if afterInstall>
The downtime starts. In one run of ${files.SYNC}:
<#else>
The downtime starts, as the guide does it: the playbook's --tags=stop stops every service, then in one run of
${files.SYNC}:
</#if>

- Every matrix* unit of the old server is disabled and stopped (${files.STOP_UNITS}, the guide's
  `systemctl disable --now matrix*`): nothing starts again after a reboot.
- The final pass: rsync ${rsync}<#if afterInstall> --chown=${inputs.values().owner()}, leaving out what the install
  wrote (${inputs.planFile(files.INSTALLED_ON_NEW)})</#if>.
- A dry run must find no difference (${inputs.settings().verifyChecksum()?then("contents compared", "sizes and times")};
  differences kept in ${inputs.planFile(files.VERIFY_RESULT)}).
- The copy's key stays for the cleanup step.
<#if afterInstall>
- On the copy route, Postgres's data folder (${inputs.values().postgresDataPath()}) is left out of that pass and
  copied by a second rsync with --checksum, as PostgreSQL's documentation says of a copy taken while it ran: rsync's
  quick check (size and time) misses a page written in the same second the warm pass read its file. --delete removes
  whatever is not on the old server, and nothing in that folder is ever kept as the install's.
</#if>
<#if inputs.settings().mayImport()>
- On the dump route: the passes leave out Postgres's raw data. Its unit runs on while pg_dumpall writes
  ${inputs.dumpFile()} (zstd) on the old server and every table's rows are counted
  (${inputs.planFile(files.ROWS_OLD)}); then it is stopped and disabled, and the dump goes to the same place on the
  new server with a second key that may only write there.
</#if>
<#if inputs.settings().mayStream()>
- On the stream route: the passes leave out Postgres's raw data. Its unit runs on while the standby on the new server
  must stream from it (started again if it ended); it is checkpointed, then stopped and disabled (${files.SYNC_STREAM}).
  In the background while the final pass runs: once the standby has replayed past the old server's last checkpoint
  (pg_controldata: shut down cleanly), it is promoted, primary_conninfo and primary_slot_name are reset, it stops, and
  its folder must be shut down cleanly too. The tunnel ends. Only the WAL written since the standby last caught up crosses the link inside the downtime.
</#if>
<#if !afterInstall>

The copy's run begins first: it gathers facts and puts its key in place while the old server still serves, then
waits at its gate (${files.GATE_PLUGIN}, before its tasks tagged ${files.GATE_TAG}) until --tags=stop has run; the
downtime starts with that run's stop.
</#if>
