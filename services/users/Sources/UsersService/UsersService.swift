// UsersService placeholder
