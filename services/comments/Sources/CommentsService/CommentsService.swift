// CommentsService placeholder
