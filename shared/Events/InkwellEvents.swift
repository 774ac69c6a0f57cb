// InkwellEvents: placeholder until the module lands.
