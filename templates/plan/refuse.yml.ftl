---
# The rescue of a check of ${host} that refuses, for matrix-migrate: when the task that failed was an assert (a
# check that refused), its message goes to matrix_migrate_refusal_file beside the play; then the play stops
# with that message, whatever failed. Imported into the rescue of ${files.PREFLIGHT} (${files.PREFLIGHT_REFUSAL}),
# ${files.PREPARE_IMPORT} and ${files.DATABASE_ROWS} (${files.IMPORT_FAILURE}), and ${files.CHECK_NEW_WRITES}
# (${files.ROLLBACK_REFUSAL}), which set matrix_migrate_refusal_file.
- name: Keep the refusal beside this play
  delegate_to: localhost
  become: false
  ansible.builtin.copy:
    dest: "{{ playbook_dir }}/{{ matrix_migrate_refusal_file }}"
    mode: "0644"
    content: "{{ ansible_failed_result.msg }}\n"
  when: ansible_failed_task.action in ['ansible.builtin.assert', 'assert']

- name: Stop here
  ansible.builtin.fail:
    msg: "{{ ansible_failed_result.msg }}"
