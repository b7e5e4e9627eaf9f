---
# Who holds the key matrix-migrate makes for copying ${host}, and what it is called; read by sync.yml
# and cleanup.yml.
matrix_migrate_work_dir: ${workDir}
matrix_migrate_new: "{{ groups['${newGroup}'] | first }}"
matrix_migrate_new_user: "{{ hostvars[matrix_migrate_new].ansible_user_id }}"
matrix_migrate_new_become: "{{ matrix_migrate_new_user != 'root' }}"
matrix_migrate_key_comment: matrix-migrate-${runId}
