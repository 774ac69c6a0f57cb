// BlogService placeholder
