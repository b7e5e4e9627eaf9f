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
