# matrix-migrate: `make demo` runs a migration on a built-in example, `make test` runs every test.
# Run as root on a fresh Debian machine, both install what is missing first.

MVN      := mvn -B -ntp
JAR      := target/matrix-migrate.jar
PREFIX   ?= /usr/local
# Debian packages the build, the tests and the demo need, by the command that shows each is there.
NEEDED   := javac:default-jdk-headless mvn:maven ansible-playbook:ansible ansible-lint:ansible-lint \
            rsync:rsync sshd:openssh-server ssh:openssh-client sudo:sudo setfacl:acl setfattr:attr \
            python3:python3 ip:iproute2 unshare:util-linux nsenter:util-linux script:bsdutils /usr/bin/time:time \
            curl:curl rrsync:rsync flock:util-linux dig:bind9-dnsutils named:bind9 \
            pg_ctlcluster:postgresql zstd:zstd
# Python modules Ansible's DNS modules need, by the module that shows each is there (Debian's python3).
PYTHON_NEEDED := dns.tsigkeyring:python3-dnspython

.PHONY: deps build test test-unit demo golden install bench clean

deps:
	@missing=""; for pair in $(NEEDED); do \
	  cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  command -v $$cmd >/dev/null 2>&1 || [ -x /usr/sbin/$$cmd ] || case " $$missing " in *" $$pkg "*) ;; *) missing="$$missing $$pkg";; esac; \
	done; \
	for pair in $(PYTHON_NEEDED); do \
	  /usr/bin/python3 -c "import $${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing Debian packages:$$missing (install them as root, or run make as root)"; exit 2; fi; \
	  echo "installing:$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	$(MVN) -q package -DskipTests
	mkdir -p bin
	cp $(JAR) bin/matrix-migrate.jar
	cp src/main/launcher/matrix-migrate bin/matrix-migrate
	@echo "built bin/matrix-migrate"

test: deps
	$(MVN) test

# Everything that needs no test hosts (unit tests, golden files, syntax check and lint of the plays).
test-unit: deps
	$(MVN) test -De2e=skip

demo: build
	bash src/test/e2e/demo.sh

# Rewrites the golden files (and inventory-samples/) after an intended change to a template.
golden: deps
	$(MVN) -q test -Dgolden.update=true -De2e=skip

# Downtime and throughput of the manual procedure, migrate --cold and migrate; writes BENCHMARKS.md.
bench: build
	bash src/test/bench/bench.sh

install: build
	ln -sf $(CURDIR)/bin/matrix-migrate $(PREFIX)/bin/matrix-migrate

clean:
	rm -rf target bin
