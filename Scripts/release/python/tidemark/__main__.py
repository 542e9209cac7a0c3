from tidemark import main

main()
