print("inkwell-blog placeholder")
