// InkwellHTTPClient: placeholder until the module lands.
