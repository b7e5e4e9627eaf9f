<#-- What the DNS providers' plays share: the play around their tasks, and the rescue that keeps why the provider
     refused beside the play. -->
<#macro play task refused>
- name: Point the DNS records that move (at the server matrix_migrate_dns_to names, -e)
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  tasks:
    - name: ${task}
      block:
<#nested>
      rescue:
        - name: Keep why, in the provider's own words, beside this play (${files.DNS_FAILURE})
          check_mode: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.DNS_FAILURE}"
            mode: "0600"
            content: "${refused}:
              {{ ansible_failed_result.results | default([ansible_failed_result])
              | selectattr('failed', 'defined') | selectattr('failed') | map(attribute='msg') | unique | join('; ') }}\n"
        - name: Fail with that reason
          ansible.builtin.fail:
            msg: "{{ lookup('ansible.builtin.file', playbook_dir + '/${files.DNS_FAILURE}') }}"
</#macro>
