Checks both servers and changes nothing on them:

- Ansible reaches both servers, with SSH host keys it knows.
- The new server is not the old one.
- rsync is there, or can be installed.
- The new server has room for ${inputs.data()}, and both have room for the dump on the dump route.
- ${inputs.data()} on the new server is empty${inputs.settings().forceTarget()?then(" (not required: --force-target).", ".")}
- The playbook's own checks of its configuration pass for the host on both servers: the validation task files its
  roles run for the tags ${inputs.settings().installTagsArgument()} and ${inputs.settings().startTagsArgument()}
  (${facts.VALIDATED_VERSION_KEY}, removed components, required settings), run by
  ${inputs.planFile(files.PLAYBOOK_CHECKS)} with setup.yml's roles and variables and nothing of the roles but their
  checks. On the new server they see what the install is given. A check that fails refuses the migration with the
  playbook's own message.
- The database's route is chosen from both servers' ansible_architecture and the host's postgres_enabled, and
  written with why in ${inputs.planFile(files.DATABASE_ROUTE)}.
- The old server answers what the health check will ask of the new one (${files.HEALTH}, each endpoint polled for
  up to ${wait?c} s); its server name and signing keys are kept in ${inputs.planFile(files.SERVER_IDENTITY)}.
