from verhalen.cli.app import main

main()
