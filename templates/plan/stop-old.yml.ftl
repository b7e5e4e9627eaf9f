---
# Keeps the services of the old server of ${host} from ever starting again, for matrix-migrate.
# The playbook's --tags=stop stops them once but leaves them enabled, so a reboot of the old server
# would bring a second homeserver up for the same domain. This disables and stops every matrix
# unit, like `cd /etc/systemd/system && systemctl disable --now matrix*`, and checks the result.

- name: Disable and stop every matrix unit on the old server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  tasks:
    - name: Disable and stop every matrix unit
      ansible.builtin.include_tasks: ${files.STOP_UNITS}
