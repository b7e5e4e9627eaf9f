Lists the files under ${inputs.data()} that changed on the new server since its services could run (count, bytes,
paths, in ${inputs.planFile(files.WRITTEN_ON_NEW)}): going back leaves them behind. Unless its client API answered
neither the health check nor now, the new server may have served users, and any such file refuses the rollback,
unless --force.
