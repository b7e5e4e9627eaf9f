Runs the playbook with --tags=${playbook.TAG_START} on the old server: it enables and starts its units again.
