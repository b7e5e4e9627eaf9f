---
# Removes the key this run made for copying ${host} from both servers: the old server's folder (key,
# pinned host keys, progress), then its line in the new server's authorized_keys; in that order, so that
# a new server that cannot be reached still leaves the private key removed. Included by ${files.SYNC} and ${files.CLEANUP}.
- name: Remove the key, the pinned host keys and the progress from the old server
  become: "{{ ansible_facts.user_id != 'root' }}"
  ansible.builtin.file:
    path: "{{ matrix_migrate_work_dir }}"
    state: absent

- name: Remove the key from the new server
  ansible.builtin.include_tasks: ${files.UNAUTHORIZE_KEY}
