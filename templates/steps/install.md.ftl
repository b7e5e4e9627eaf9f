The playbook runs with --tags=${tags} on the new server: images, configuration from the new server's facts. It is
given ${inputs.planFile(files.INSTALL_ON_NEW)}, which the preflight writes with the database's route. On the copy
route it says postgres_managed_databases: [], since the postgres role otherwise starts Postgres during the install to
prepare those databases (on the warm copy of ${inputs.values().postgresDataPath()}, torn files), and the copied
database has them already. On the dump route it says nothing: the install prepares the fresh Postgres the dump goes
into.<#if inputs.settings().mayStream()> On the stream route it says postgres_managed_databases: [] too: on the empty
data folder Postgres would run initdb, and the base backup needs the folder empty.</#if> Before it, the new server's clock is noted in ${inputs.planFile(files.INSTALL_STARTED_AT)}. After it, every
matrix* unit still running on the new server is stopped and named (in ${inputs.planFile(files.STARTED_BY_INSTALL)}):
nothing of the playbook runs there before the start step. What it wrote under ${inputs.data()} is listed in
${inputs.planFile(files.INSTALLED_ON_NEW)}, and the final pass leaves that alone; nothing under Postgres's data
folder (${inputs.values().postgresDataPath()}) is ever listed.
