---
# Removes the key matrix-migrate made for copying ${dataPath} of ${host}, once the new server runs:
# the final pass leaves it in place (matrix_migrate_keep_key) so that removing it costs no downtime.
# matrix-migrate also runs this when a step after the final pass fails.
# The first play takes the key off the new server by itself, so that an old server that cannot be
# reached any more leaves no key that would let it in; the second removes it from both servers
# (${files.REMOVE_KEY}) and fails when any of them cannot be reached. On the dump route the old server's dump
# goes with its run folder; the last play removes the new server's once its import is done and checked (a failed
# import keeps it, for the resume), after the old server's private keys and dump are gone.

- name: Take the key off the new server
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  ignore_unreachable: true
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Remove the key from the new server, whatever the old server's state
      ansible.builtin.import_tasks: ${files.UNAUTHORIZE_KEY}
      # ${files.REMOVE_KEY} below tries again, and fails the step, when this did not work
      ignore_errors: true  # noqa: ignore-errors

- name: Remove the key of this run
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Remove the key from both servers
      ansible.builtin.include_tasks: ${files.REMOVE_KEY}

- name: Remove the database dump from the new server once its import is done and checked (the dump route)
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Look for the note that the import is done
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.stat:
        path: "{{ matrix_migrate_work_dir }}/${remote.IMPORT_DONE}"
      register: matrix_migrate_import_done

    - name: Remove the run's folder with the dump from the new server
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.file:
        path: "{{ matrix_migrate_work_dir }}"
        state: absent
      when: matrix_migrate_import_done.stat.exists
