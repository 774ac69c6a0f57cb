// InkwellServiceKit: placeholder until the module lands.
