// InkwellKafka: placeholder until the module lands.
