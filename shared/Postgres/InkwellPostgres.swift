// InkwellPostgres: placeholder until the module lands.
