---
# Takes the new server of ${host} out of service for a rollback, for matrix-migrate: disables and stops
# every matrix unit there (${files.STOP_UNITS}), before the old server starts again, so that the two never
# serve at once and the new one does not start again after a reboot. Its data under ${dataPath} stays.

- name: Stop the new server for good
  hosts: ${serversGroup}
  gather_facts: true
  gather_subset: ["!all"]
  tasks:
    - name: Disable and stop its matrix units
      ansible.builtin.import_tasks: ${files.STOP_UNITS}
