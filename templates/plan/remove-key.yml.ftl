---
# Removes the key this run made for copying ${host} from all three machines: its line in the new
# server's authorized_keys, the old server's folder (key, pinned host keys, progress) and whatever an
# interrupted attempt left on the machine running matrix-migrate; in that order, so that a new server
# that cannot be reached still leaves the private key removed. Included by ${files.SYNC} and ${files.CLEANUP}.
- name: Find what is left of the key on the machine running matrix-migrate
  delegate_to: localhost
  become: false
  ansible.builtin.find:
    paths: "{{ lookup('ansible.builtin.env', 'TMPDIR') | default('/tmp', true) }}"
    patterns: ["matrix-migrate-key.*.${runId}"]
    file_type: directory
  register: matrix_migrate_local_leftovers

- name: Remove it
  delegate_to: localhost
  become: false
  ansible.builtin.file:
    path: "{{ item.path }}"
    state: absent
  loop: "{{ matrix_migrate_local_leftovers.files }}"

- name: Remove the key, the pinned host keys and the progress from the old server
  become: "{{ ansible_user_id != 'root' }}"
  ansible.builtin.file:
    path: "{{ matrix_migrate_work_dir }}"
    state: absent

- name: Remove the key from the new server
  ansible.builtin.include_tasks: ${files.UNAUTHORIZE_KEY}
