print("inkwell-users placeholder")
