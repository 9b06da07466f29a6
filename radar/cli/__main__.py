from radar.cli.app import main

# Guarded: a worker process started by multiprocessing imports the parent's __main__ again.
if __name__ == "__main__":
    main()
