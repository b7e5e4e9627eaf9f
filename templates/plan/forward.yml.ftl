---
# Forwards the public TCP ports of the old server of ${host} to the new server, for matrix-migrate: clients and
# servers whose DNS caches still hold the old address reach the new server. At the TCP level, so TLS stays end to
# end and the new server's certificates answer; ${files.FORWARDING} lists the ports. HAProxy runs in a transient
# systemd unit of its own (not one of the playbook's matrix-* units), which ends by itself (RuntimeMaxSec) at the
# end matrix-migrate notes in ${files.FORWARDING_UNTIL} when it opens the gate, even when the machine that started
# it is gone.
# The run begins with the cutover and prepares everything while the old server still has its ports; it waits at its
# gate (${files.GATE_PLUGIN}, before the tasks tagged ${files.FORWARD_GATE_TAG}) until the old server stopped.
# Nothing under ${dataPath} is touched, and the old server's firewall is not changed.

- name: Forward the old server's public ports to the new server
  hosts: ${serversGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.FORWARDING}]
  vars:
    matrix_migrate_forward_haproxy: /usr/sbin/haproxy
    # HAProxy reads an IPv6 address in brackets ([2001:db8::1]:443, source [2001:db8::1])
    # "where": which of the addresses clients knew the old server has (binding one it lacks fails), the new
    # server's address and the source address toward it; "busy": the ports another program holds there.
    matrix_migrate_forward_probe: |
      import errno, json, socket, sys
      mode, to, ports, known = sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3].split(",")], sys.argv[4:]
      def bind(address, port):
          s = None
          try:
              s = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
              s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
              if ":" in address:
                  s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
              s.bind((address, port))
              return 0
          except OSError as e:
              return e.errno
          finally:
              if s is not None:
                  s.close()
      if mode == "busy":
          print(json.dumps(["%d on %s" % (p, a) for p in ports for a in known if bind(a, p) == errno.EADDRINUSE]))
          sys.exit(0)
      # an address of a family the server does not have (IPv6 off) is not the server's either
      has = [a for a in known if bind(a, 0) not in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT)]
      listen = has or ["0.0.0.0"] + (["::"] if bind("::", 0) == 0 else [])
      target = socket.getaddrinfo(to, None, type=socket.SOCK_STREAM)[0][4][0]
      source = [a for a in has if (":" in a) == (":" in target)]
      print(json.dumps({"listen": listen, "to": target, "source": source[0] if source else ""}))
  tasks:
    - name: Find HAProxy
      ansible.builtin.stat:
        path: "{{ matrix_migrate_forward_haproxy }}"
      register: matrix_migrate_haproxy

    - name: Install HAProxy with the distribution's package manager (it is missing)
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.package:
        name: haproxy
        state: present
      when: not matrix_migrate_haproxy.stat.exists

    - name: Keep the package's own haproxy service off (it was not there before; the forwarder is a unit of its own)
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: [systemctl, disable, --now, haproxy.service]
      when: not matrix_migrate_haproxy.stat.exists
      changed_when: true

    - name: End an earlier forwarding of this server (a resumed or an earlier run's)
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: [systemctl, stop, "{{ matrix_migrate_forward_unit }}.service"]
      register: matrix_migrate_earlier
      changed_when: false
      failed_when: matrix_migrate_earlier.rc not in [0, 5]

    - name: Find where to listen, the new server's address and the way there
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: "{{ ['python3', '-c', matrix_migrate_forward_probe, 'where', matrix_migrate_forward_to,
          matrix_migrate_forward_ports | map(attribute='port') | join(',')] + matrix_migrate_forward_old_addresses }}"
      register: matrix_migrate_forward_probed
      changed_when: false

    - name: Remember what it found
      ansible.builtin.set_fact:
        matrix_migrate_forward_found: "{{ matrix_migrate_forward_probed.stdout | from_json }}"

    - name: Find the haproxy user the forwarder drops to after binding its ports
      ansible.builtin.getent:
        database: passwd
        key: haproxy
        fail_key: false

    - name: Make the folder of its configuration (under /run, outside the data path)
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.file:
        path: "{{ matrix_migrate_forward_config | dirname }}"
        state: directory
        mode: "0700"

    - name: Write its configuration
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.copy:
        dest: "{{ matrix_migrate_forward_config }}"
        mode: "0600"
        content: |
          # matrix-migrate: the old server forwards its public ports to the new server
          global
              maxconn 4096
          {% if ansible_facts.getent_passwd.haproxy is not none %}
              user haproxy
              group haproxy
          {% endif %}
          defaults
              mode tcp
              timeout connect 10s
              timeout client 1h
              timeout server 1h
          {% for port in matrix_migrate_forward_ports %}
          listen {{ port.service | regex_replace('[^A-Za-z0-9-]', '-') }}-{{ port.port }}
          {% for address in matrix_migrate_forward_found.listen %}
              bind {{ ('[%s]' % address) if ':' in address else address }}:{{ port.port }}{{ ' v6only' if ':' in address else '' }}
          {% endfor %}
          {% set to = matrix_migrate_forward_found.to %}
          {% set source = matrix_migrate_forward_found.source %}
              server new {{ ('[%s]' % to) if ':' in to else to }}:{{ port.port }}{{ ' send-proxy' if port.proxy else '' }}{{
                (' source ' ~ (('[%s]' % source) if ':' in source else source)) if source else '' }}
          {% endfor %}

    - name: Check the configuration
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: ["{{ matrix_migrate_forward_haproxy }}", -c, -q, -f, "{{ matrix_migrate_forward_config }}"]
      changed_when: false

    # The gate: everything below runs once the old server stopped and its ports are free.
    - name: Read the end matrix-migrate noted when it opened the gate
      ansible.builtin.set_fact:
        matrix_migrate_forward_until: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.FORWARDING_UNTIL}') }}"
      tags: [${files.FORWARD_GATE_TAG}]

    - name: Find the ports another program holds on the old server
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: "{{ ['python3', '-c', matrix_migrate_forward_probe, 'busy', matrix_migrate_forward_to,
          matrix_migrate_forward_ports | map(attribute='port') | join(',')] + matrix_migrate_forward_found.listen }}"
      register: matrix_migrate_forward_busy
      changed_when: false
      tags: [${files.FORWARD_GATE_TAG}]

    - name: Refuse a port another program holds
      ansible.builtin.fail:
        msg: >-
          another program listens on the old server at port {{ matrix_migrate_forward_busy.stdout | from_json | join(', port ') }}
          (ss -ltnp shows which): stop it, then resume the run
      when: matrix_migrate_forward_busy.stdout | from_json | length > 0
      tags: [${files.FORWARD_GATE_TAG}]

    - name: Start the forwarder, a transient unit of its own that ends by itself
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: [systemd-run, "--unit={{ matrix_migrate_forward_unit }}", --collect, --quiet,
               "--description=matrix-migrate: forwards the public ports to {{ matrix_migrate_forward_found.to }} until {{ matrix_migrate_forward_until }}",
               "--property=RuntimeMaxSec={{ [1, ((matrix_migrate_forward_until | to_datetime('%Y-%m-%dT%H:%M:%SZ'))
                 - now(utc=true)).total_seconds() | round(0, 'ceil') | int] | max }}",
               "{{ matrix_migrate_forward_haproxy }}", -db, -f, "{{ matrix_migrate_forward_config }}"]
      changed_when: true
      tags: [${files.FORWARD_GATE_TAG}]

    - name: Wait until it listens on every port
      ansible.builtin.wait_for:
        host: "{{ {'0.0.0.0': '127.0.0.1', '::': '::1'}[item.0] | default(item.0) }}"
        port: "{{ item.1.port }}"
        timeout: 10
      loop: "{{ matrix_migrate_forward_found.listen | product(matrix_migrate_forward_ports) | list }}"
      loop_control:
        label: "{{ item.0 }}:{{ item.1.port }}"
      tags: [${files.FORWARD_GATE_TAG}]

    - name: Check that the unit runs
      ansible.builtin.command:
        argv: [systemctl, is-active, "{{ matrix_migrate_forward_unit }}.service"]
      changed_when: false
      tags: [${files.FORWARD_GATE_TAG}]
