---
# Copies ${dataPath} of ${host} from the old server to the new one, for matrix-migrate.
# The data travels directly from old to new over SSH; it never passes through the machine running
# this play. Old authenticates to new with a key pair made for this run only, authorized on new
# from old's address only and with no pty or forwarding; the machine running this play forgets it as
# soon as old has it, and ${files.REMOVE_KEY} removes it from old and new at the end, also when the copy
# fails. New's host key is pinned from what Ansible already verified.
#
# matrix_migrate_pass (-e) chooses the copy:
#   warm    a first copy while the old server still runs: files vanishing meanwhile (rsync exit 24)
#           are expected
#   final   the copy after the old server stopped: the target ends equal to the source, and a dry run
#           then must find no difference (-e matrix_migrate_checksum=true compares contents too); the
#           differences it finds are kept in ${files.VERIFY_RESULT} beside this play
# matrix_migrate_owner (-e, e.g. matrix:matrix) gives what is copied to that owner on the new server.
# matrix_migrate_stop=true (-e) stops and disables the old server's matrix units (${files.STOP_UNITS}) once
# the key is in place, right before the final pass: the whole cutover is then this one run.
# matrix_migrate_keep_key=true (-e) leaves the key in place after a copy that succeeded, for ${files.CLEANUP}
# to remove once the new server runs: removing it then costs no downtime.
# matrix_migrate_keep_installed=true (-e) makes the final pass and its verification leave out the paths that
# ${files.INSTALLED_ON_NEW} beside this play lists: what the install wrote on new (${files.LIST_INSTALLED}).
# The final pass keeps ${files.CUTOVER_NOTES} beside this play, also when it fails: when the services stopped,
# how long the stop, the copy and the verification took, and how many differences were found.
# Inside the downtime, only tasks that must be there run, and no other write from here to this machine.
# The empty-target check is the preflight's (${files.PREFLIGHT}); rsync's live progress goes to
# ${workDir}/progress-<pass> on the old server while it runs.

- name: Prepare the new server and learn its host keys
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  tasks:
    - name: Make sure rsync is installed
      ansible.builtin.include_tasks: ${files.RSYNC_PRESENT}

    - name: Require the host keys of the new server
      ansible.builtin.assert:
        that: >-
          ansible_ssh_host_key_ed25519_public is defined or ansible_ssh_host_key_ecdsa_public is defined
          or ansible_ssh_host_key_rsa_public is defined
        fail_msg: Ansible found no SSH host key under /etc/ssh on the new server, so none can be pinned on the old one.
        quiet: true

- name: Copy ${dataPath} from the old server to the new one
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  vars:
    matrix_migrate_pass: final
    matrix_migrate_keep_key: false
    matrix_migrate_stop: false
    matrix_migrate_checksum: false
    matrix_migrate_owner: ""
    matrix_migrate_data_path: ${dataPath}
    matrix_migrate_new_address: "{{ hostvars[matrix_migrate_new].ansible_host | default(matrix_migrate_new) }}"
    matrix_migrate_new_port: "{{ hostvars[matrix_migrate_new].ansible_port | default(22) | int }}"
    matrix_migrate_known_name: >-
      {{ ('[' ~ matrix_migrate_new_address ~ ']:' ~ matrix_migrate_new_port)
         if matrix_migrate_new_port | int != 22 else matrix_migrate_new_address }}
    matrix_migrate_destination: >-
      {{ matrix_migrate_new_user }}@{{ ('[' ~ matrix_migrate_new_address ~ ']') if ':' in matrix_migrate_new_address
         else matrix_migrate_new_address }}:{{ matrix_migrate_data_path }}/
    matrix_migrate_rsync_command: >-
      {{ ['rsync'] + matrix_migrate_rsync_options
         + (['--chown=' ~ matrix_migrate_owner] if matrix_migrate_owner | length > 0 else [])
         + ['-e', (['ssh', '-i', matrix_migrate_work_dir ~ '/id_ed25519', '-p', matrix_migrate_new_port | string,
                    '-o', 'UserKnownHostsFile=' ~ matrix_migrate_work_dir ~ '/known_hosts'] + matrix_migrate_ssh_options) | join(' ')]
         + (['--rsync-path=sudo -n rsync'] if matrix_migrate_new_become | bool else [])
         + (['--exclude-from=' ~ matrix_migrate_exclusions] if matrix_migrate_installed_paths | length > 0 else []) }}
    matrix_migrate_endpoints: ["{{ matrix_migrate_data_path }}/", "{{ matrix_migrate_destination }}"]
    matrix_migrate_keep_installed: false
    matrix_migrate_installed_paths: >-
      {{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.INSTALLED_ON_NEW}', rstrip=false).splitlines()
         if matrix_migrate_keep_installed | bool else [] }}
    matrix_migrate_exclusions: "{{ matrix_migrate_work_dir }}/installed-on-new"
    matrix_migrate_rsync_options:
<#list rsyncOptions as option>
      - "${option}"
</#list>
    matrix_migrate_ssh_options:
<#list sshOptions as option>
      - "${option}"
</#list>
  tasks:
    - name: Require a known pass
      ansible.builtin.assert:
        that: matrix_migrate_pass in ['warm', 'final']
        fail_msg: matrix_migrate_pass must be warm or final, not {{ matrix_migrate_pass }}.
        quiet: true

    - name: Make sure rsync is installed
      ansible.builtin.include_tasks: ${files.RSYNC_PRESENT}

    - name: Resolve the new server's address on the old server
      ansible.builtin.command:
        argv: [getent, ahosts, "{{ matrix_migrate_new_address }}"]
      register: matrix_migrate_resolved
      changed_when: false

    - name: Ask the old server which address it connects to the new one from
      ansible.builtin.command:
        argv: [ip, -o, route, get, "{{ matrix_migrate_resolved.stdout_lines[0].split()[0] }}"]
      register: matrix_migrate_route
      changed_when: false

    - name: Remember that source address
      ansible.builtin.set_fact:
        matrix_migrate_source_address: "{{ matrix_migrate_route.stdout | regex_search('\\bsrc\\s+(\\S+)', '\\1') | first }}"

    - name: Copy with a key made for this run only
      block:
        - name: Make a private folder on the machine running matrix-migrate
          delegate_to: localhost
          become: false
          ansible.builtin.tempfile:
            state: directory
            prefix: matrix-migrate-key.
            suffix: ".${runId}"
          register: matrix_migrate_local_dir

        - name: Make the key pair there
          delegate_to: localhost
          become: false
          ansible.builtin.command:
            argv: [ssh-keygen, -q, -t, ed25519, -N, "", -C, "{{ matrix_migrate_key_comment }}",
                   -f, "{{ matrix_migrate_local_dir.path }}/id_ed25519"]
          changed_when: true

        - name: Make a fresh private folder on the old server
          become: "{{ ansible_user_id != 'root' }}"
          ansible.builtin.file:
            path: "{{ item.path }}"
            state: "{{ item.state }}"
            mode: "0700"
          loop:
            - {path: "{{ matrix_migrate_work_dir }}", state: absent}
            - {path: "{{ matrix_migrate_work_dir | dirname }}", state: directory}
            - {path: "{{ matrix_migrate_work_dir }}", state: directory}

        - name: Put the private key there
          become: "{{ ansible_user_id != 'root' }}"
          ansible.builtin.copy:
            src: "{{ matrix_migrate_local_dir.path }}/id_ed25519"
            dest: "{{ matrix_migrate_work_dir }}/id_ed25519"
            mode: "0600"

        - name: Pin the new server's host keys there
          become: "{{ ansible_user_id != 'root' }}"
          ansible.builtin.copy:
            dest: "{{ matrix_migrate_work_dir }}/known_hosts"
            mode: "0600"
            content: |
              {% set facts = hostvars[matrix_migrate_new] %}
              {% for type in ['ed25519', 'ecdsa', 'rsa'] if facts['ansible_ssh_host_key_' ~ type ~ '_public'] is defined %}
              {% set key = 'ansible_ssh_host_key_' ~ type ~ '_public' %}
              {{ matrix_migrate_known_name }} {{ facts[key ~ '_keytype'] }} {{ facts[key] }}
              {% endfor %}

        - name: Write what the install wrote on new as rsync exclusions (anchored; wildcards escaped)
          become: "{{ ansible_user_id != 'root' }}"
          ansible.builtin.copy:
            dest: "{{ matrix_migrate_exclusions }}"
            mode: "0600"
            content: |
              {% for path in matrix_migrate_installed_paths %}
              {{ (path | regex_replace('([*?\[\\])', '\\\1')) if path is search('[*?\[]') else path }}
              {% endfor %}
          when: matrix_migrate_installed_paths | length > 0

        - name: Find the home of the new server's SSH user
          ansible.builtin.include_tasks: ${files.NEW_HOME}

        - name: Make sure the new server's SSH user has a .ssh folder
          delegate_to: "{{ matrix_migrate_new }}"
          become: "{{ matrix_migrate_new_become }}"
          ansible.builtin.file:
            path: "{{ matrix_migrate_new_home }}/.ssh"
            state: directory
            owner: "{{ matrix_migrate_new_user }}"
            mode: "0700"

        - name: Authorize the key on the new server, from the old server's address only
          delegate_to: "{{ matrix_migrate_new }}"
          become: "{{ matrix_migrate_new_become }}"
          ansible.builtin.lineinfile:
            path: "{{ matrix_migrate_new_home }}/.ssh/authorized_keys"
            line: >-
              from="{{ matrix_migrate_source_address }}",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding
              {{ lookup('ansible.builtin.file', matrix_migrate_local_dir.path ~ '/id_ed25519.pub') }}
            create: true
            owner: "{{ matrix_migrate_new_user }}"
            mode: "0600"

        - name: Forget the key on the machine running matrix-migrate, now that the old server has it
          delegate_to: localhost
          become: false
          ansible.builtin.file:
            path: "{{ matrix_migrate_local_dir.path }}"
            state: absent

        - name: Stop the old server for good
          ansible.builtin.include_tasks: ${files.STOP_UNITS}
          when: matrix_migrate_stop | bool

        - name: Copy the data path from old to new, pass {{ matrix_migrate_pass }}
          become: "{{ ansible_user_id != 'root' }}"
          ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
            # sh only sends rsync's progress to a file the person's terminal follows; the words are not parsed.
            argv: "{{ ['sh', '-c', 'exec \"$@\" > \"$0\"', matrix_migrate_work_dir ~ '/progress-' ~ matrix_migrate_pass]
              + matrix_migrate_rsync_command + ['--info=progress2', '--outbuf=L'] + matrix_migrate_endpoints }}"
          register: matrix_migrate_copy
          changed_when: true
          # exit 24: files vanished while they were being copied, which a running server does
          failed_when: matrix_migrate_copy.rc != 0 and not (matrix_migrate_pass == 'warm' and matrix_migrate_copy.rc == 24)

        - name: Compare old and new with a dry run
          become: "{{ ansible_user_id != 'root' }}"
          ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
            argv: "{{ matrix_migrate_rsync_command + ['--dry-run', '--itemize-changes', '--info=stats0,progress0']
              + (['--checksum'] if matrix_migrate_checksum | bool else []) + matrix_migrate_endpoints }}"
          register: matrix_migrate_verify
          changed_when: false
          when: matrix_migrate_pass == 'final'

        - name: Keep the differences beside this play
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.VERIFY_RESULT}"
            mode: "0644"
            content: "{{ matrix_migrate_verify.stdout }}\n"
          when: matrix_migrate_pass == 'final' and matrix_migrate_verify.stdout | length > 0

        - name: Require no difference between old and new
          ansible.builtin.assert:
            that: matrix_migrate_verify.stdout | length == 0
            fail_msg: >-
              The new server differs from the old one ({{ matrix_migrate_verify.stdout_lines | length }} differences,
              all in {{ playbook_dir }}/${files.VERIFY_RESULT}); the first: {{ matrix_migrate_verify.stdout_lines[:10] | join(' | ') }}
            quiet: true
          when: matrix_migrate_pass == 'final'

        - name: Note that the copy is complete
          ansible.builtin.set_fact:
            matrix_migrate_copied: true

      always:
        - name: Note when the services stopped and how long the parts of the downtime took, beside this play
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.CUTOVER_NOTES}"
            mode: "0644"
            content: |
              stopped-at: "{{ matrix_migrate_stopped_at | default('') }}"
              stop: "{{ matrix_migrate_unit_states.delta | default('') }}"
              final-pass: "{{ matrix_migrate_copy.delta | default('') }}"
              verification: "{{ matrix_migrate_verify.delta | default('') }}"
              differences: {{ matrix_migrate_verify.stdout_lines | default([]) | length }}
          when: matrix_migrate_pass == 'final'

        - name: Remove the key from all three machines
          ansible.builtin.include_tasks: ${files.REMOVE_KEY}
          when: not (matrix_migrate_keep_key | bool and matrix_migrate_copied | default(false))
