---
# Removes the key matrix-migrate made for copying ${dataPath} of ${host} (remove-key.yml), once the
# new server runs: the final pass leaves it in place (matrix_migrate_keep_key) so that removing it
# costs no downtime. matrix-migrate also runs this when a step after the final pass fails, so that
# the key never outlives the run.

- name: Learn which user Ansible connects to the new server as
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  # A new server that cannot be reached must not keep the next play from removing the private key from
  # the old server; removing the key from the new one then fails, and the step with it.
  ignore_unreachable: true

- name: Remove the key of this run
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [key-vars.yml]
  tasks:
    - name: Remove the key from all three machines
      ansible.builtin.include_tasks: remove-key.yml
