# matrix-migrate: `make demo` runs a migration on a built-in example, `make test` runs every test.
# Run as root on a fresh Debian machine, both install what is missing first.

MVN      := mvn -B -ntp
JAR      := target/matrix-migrate.jar
PREFIX   ?= /usr/local
# Debian packages by the command that shows each is there: what building and running the tool needs (Java 17,
# Maven, Ansible, ssh: `make build` and `make install` install nothing else), then what the tests and the demo need
# besides (the test hosts' servers: OpenSSH's, PostgreSQL, BIND, HAProxy, and their tools).
TOOL_NEEDED := javac:default-jdk-headless mvn:maven ansible-playbook:ansible ssh:openssh-client
# make dist: man pages from picocli's AsciiDoc (asciidoctor), the .deb (dpkg-deb).
DIST_NEEDED := asciidoctor:asciidoctor dpkg-deb:dpkg
NEEDED   := $(TOOL_NEEDED) $(DIST_NEEDED) ansible-lint:ansible-lint \
            rsync:rsync sshd:openssh-server sudo:sudo setfacl:acl setfattr:attr \
            python3:python3 ip:iproute2 unshare:util-linux nsenter:util-linux script:bsdutils /usr/bin/time:time \
            curl:curl rrsync:rsync flock:util-linux dig:bind9-dnsutils named:bind9 \
            pg_ctlcluster:postgresql zstd:zstd haproxy:haproxy pgrep:procps
# Python modules Ansible's DNS modules need, by the module that shows each is there (Debian's python3).
PYTHON_NEEDED := dns.tsigkeyring:python3-dnspython ensurepip:python3-venv
# The Ansible the tests run, from PyPI into project-local virtual environments (pinned in src/test/python/):
# 2.21 (the playbook's container's) for everything, 2.19 and 2.15 (the oldest the playbook supports) for one migration
# each. 2.21 needs Python 3.12+ (src/test/python/python-3.12.sh finds one).
VENV_221 := .venv/ansible-2.21
VENV_219 := .venv/ansible-2.19
VENV_215 := .venv/ansible-2.15
ANSIBLE_219 := PATH=$(CURDIR)/$(VENV_219)/bin:$$PATH
ANSIBLE_221 := PATH=$(CURDIR)/$(VENV_221)/bin:$$PATH

.PHONY: deps packages tool-packages dist-packages build dist test test-unit test-unit-debian test-dist demo golden install bench clean

deps: packages $(VENV_221)/installed $(VENV_219)/installed $(VENV_215)/installed

$(VENV_219)/installed $(VENV_215)/installed: .venv/ansible-%/installed: src/test/python/requirements-%.txt | packages
	rm -rf .venv/ansible-$*
	python3 -m venv .venv/ansible-$*
	.venv/ansible-$*/bin/pip install -q --disable-pip-version-check -r $<
	touch $@

$(VENV_221)/installed: src/test/python/requirements-2.21.txt src/test/python/python-3.12.sh | packages
	rm -rf $(VENV_221)
	python=$$(bash src/test/python/python-3.12.sh) && "$$python" -m venv $(VENV_221)
	$(VENV_221)/bin/pip install -q --disable-pip-version-check -r $<
	touch $@

# $(call install_missing,PAIRS,PYTHON_PAIRS): installs the Debian packages whose command or Python module is missing.
define install_missing
	@missing=""; for pair in $(1); do \
	  cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  command -v $$cmd >/dev/null 2>&1 || [ -x /usr/sbin/$$cmd ] || case " $$missing " in *" $$pkg "*) ;; *) missing="$$missing $$pkg";; esac; \
	done; \
	for pair in $(2); do \
	  /usr/bin/python3 -c "import $${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing Debian packages:$$missing (install them as root, or run make as root)"; exit 2; fi; \
	  echo "installing:$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

packages:
	$(call install_missing,$(NEEDED),$(PYTHON_NEEDED))

tool-packages:
	$(call install_missing,$(TOOL_NEEDED),)

dist-packages:
	$(call install_missing,$(TOOL_NEEDED) $(DIST_NEEDED),)

build: tool-packages
	$(MVN) -q package -DskipTests
	mkdir -p bin
	cp $(JAR) bin/matrix-migrate.jar
	cp src/main/launcher/matrix-migrate bin/matrix-migrate
	@echo "built bin/matrix-migrate"

# The release archive target/matrix-migrate-<version>.tar.gz (its install.sh needs neither Maven nor root) and
# target/matrix-migrate_<version>_all.deb; reproducible (docs/install.md).
dist: dist-packages
	rm -f $(JAR) target/original-matrix-migrate.jar
	$(MVN) -q package -DskipTests
	MVN="$(MVN)" bash src/dist/build.sh

# The archive and the .deb as a user gets them (src/test/dist/dist-test.sh).
test-dist: dist-packages
	bash src/test/dist/dist-test.sh

# Every test under ansible-core 2.21 (one migration each under 2.19 and 2.15), then the checks that need no test
# hosts under Debian's own Ansible (2.14), with which plan still works.
test: deps
	$(ANSIBLE_221) $(MVN) test -Dansible.oldest=$(CURDIR)/$(VENV_215)/bin/ansible-playbook \
	    -Dansible.previous=$(CURDIR)/$(VENV_219)/bin/ansible-playbook
	$(MAKE) test-unit-debian
	$(MAKE) test-dist

# Everything that needs no test hosts (unit tests, golden files, syntax check and lint of the plays).
test-unit: deps
	$(ANSIBLE_221) $(MVN) test -De2e=skip

test-unit-debian: packages
	$(MVN) test -De2e=skip

demo: packages build
	bash src/test/e2e/demo.sh

# Rewrites the golden files (and inventory-samples/) after an intended change to a template.
golden: deps
	$(ANSIBLE_221) $(MVN) -q test -Dgolden.update=true -De2e=skip

# Downtime and throughput of the manual procedure, migrate --cold and migrate; writes BENCHMARKS.md.
bench: packages build
	bash src/test/bench/bench.sh

install: build
	ln -sf $(CURDIR)/bin/matrix-migrate $(PREFIX)/bin/matrix-migrate

clean:
	rm -rf target bin
