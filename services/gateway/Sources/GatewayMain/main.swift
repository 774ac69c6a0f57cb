print("inkwell-gateway placeholder")
