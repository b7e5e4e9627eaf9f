---
# Takes the new server of ${host} out of service for a rollback, for matrix-migrate: disables and stops
# every matrix unit there (${files.STOP_UNITS}), before the old server starts again, so that the two never
# serve at once and the new one does not start again after a reboot. Its data under ${dataPath} stays.
# The stream route's standby (${remote.STANDBY_CONTAINER}) stops too, its data folder kept.

- name: Stop the new server for good
  hosts: ${serversGroup}
  gather_facts: true
  gather_subset: ["!all"]
  tasks:
    - name: Disable and stop its matrix units
      ansible.builtin.import_tasks: ${files.STOP_UNITS}

    - name: Stop the stream route's standby, if it runs
      ansible.builtin.command:
        argv: [sh, -c, 'docker inspect "$1" > /dev/null 2>&1 || exit 0; docker stop -t 60 "$1" > /dev/null && docker rm "$1" && echo stopped', sh,
               ${remote.STANDBY_CONTAINER}]
      register: matrix_migrate_standby_stop
      changed_when: matrix_migrate_standby_stop.stdout | length > 0
