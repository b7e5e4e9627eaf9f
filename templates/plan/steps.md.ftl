# Migration of ${host}

| | |
|---|---|
| old server | ${old} |
| new server | ${new} |
| data path | ${values.dataPath()} (`matrix_base_data_path`) |
| owner on new | ${values.owner()} (`matrix_user_name`:`matrix_group_name`) |
| playbook's Postgres | ${values.postgresEnabled()?then("yes, " + values.postgresDataPath(), "no (`postgres_enabled` is false)")} |
| public names | <#list values.publicNames() as name>${name.name()}<#sep>, </#sep></#list> |
| reached at | ${values.scheme()}://${values.fqn()}:${values.webPort()?c}, federation port ${values.federationPort()?c} |
| database | ${database} |
| playbook | ${playbookDir} |

The values above come from the playbook as Ansible computes them for the host (host_vars, group_vars,
the playbook's group_vars and its roles' defaults), all of them in `playbook-facts.yml`, which every play
here reads.

Every command runs from the playbook folder, so that its `ansible.cfg` applies. Nothing below
modifies the data on the old server; the old server's services are stopped and disabled.
`matrix-migrate migrate` runs these steps in this order and records each one in its journal.

`matrix-migrate migrate --plan ${planDir}`, with the options this plan was made with (or the same
`--config`), runs this plan as it is, these command lines byte for byte. It refuses, changing nothing, when
the playbook, the inventory, the playbook's values for the host or the options changed since the plan was
written (`${files.PLAN_SOURCE}` holds the digests it compares). Without `--plan`, `migrate` writes a plan
of its own into its run's folder.

<@table steps/>
<#list steps as step>
<@described step step?counter/>
</#list>

# If it goes wrong: `matrix-migrate migrate --rollback`

Once the old server has stopped, `matrix-migrate migrate --rollback` (the latest run, or `--run ID`)
puts it back in service with these steps, journaled and resumable like the migration's. When a step
after the stop fails, `--rollback-on-failure` runs them at once. Here the downtime is the time
nothing serves: from the new server's stop to the old server's start.

<@table rollbackSteps/>
<#list rollbackSteps as step>
<@described step step?counter/>
</#list>
<#macro table steps>
| # | step | on | changes | in the downtime |
|---|---|---|---|---|
<#list steps as step>
| ${step?counter} | `${step.id}` | ${step.target} | ${step.changes} | ${step.inDowntime?then("yes", "no")} |
</#list>
</#macro>
<#macro described step number>

## ${number}. `${step.id}`: ${step.title}

${step.explanation}
<#if step.named?has_content>

```sh
<#list step.named as command>
${command.display()}
</#list>
```
<#else>

No command line: matrix-migrate does this step itself, as said above.
</#if>
<#if step.progress??>

While it runs, its progress is read on the old server with:

```sh
${step.progress.display()}
```
</#if>
</#macro>
