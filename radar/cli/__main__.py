from radar.cli.app import main

main()
