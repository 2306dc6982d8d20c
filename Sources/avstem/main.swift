print("avstem")
