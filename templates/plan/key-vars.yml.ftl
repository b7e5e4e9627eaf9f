---
# Who holds the key matrix-migrate makes for copying ${host}, and what it is called; read by ${files.SYNC}
# and ${files.CLEANUP}.
matrix_migrate_work_dir: ${workDir}
matrix_migrate_new: "{{ groups['${newGroup}'] | first }}"
# The user Ansible logs in as on the new server: the copy logs in as it too. Facts are gathered with
# the inventory's become, under which ansible_facts.user_id is root; sudo keeps the login user in SUDO_USER.
matrix_migrate_new_user: >-
  {{ hostvars[matrix_migrate_new].ansible_facts.env.SUDO_USER | default(hostvars[matrix_migrate_new].ansible_facts.user_id) }}
matrix_migrate_new_become: "{{ matrix_migrate_new_user != 'root' }}"
matrix_migrate_key_comment: matrix-migrate-${runId}
# How the old server reaches the new one, as the inventory names it, and the name its host keys are pinned under.
matrix_migrate_new_address: "{{ hostvars[matrix_migrate_new].ansible_host | default(matrix_migrate_new) }}"
matrix_migrate_new_port: "{{ hostvars[matrix_migrate_new].ansible_port | default(22) | int }}"
matrix_migrate_known_name: >-
  {{ ('[' ~ matrix_migrate_new_address ~ ']:' ~ matrix_migrate_new_port)
     if matrix_migrate_new_port | int != 22 else matrix_migrate_new_address }}
