Tries an update in each zone with ${changes.provider().credentialsOption()}: ${files.DNS} adds a TXT record
_matrix-migrate-check.<zone> and removes it again. The provider must accept the secret before the old server stops.
