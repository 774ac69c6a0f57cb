print("inkwell-comments placeholder")
