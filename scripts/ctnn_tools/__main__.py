import sys

from ctnn_tools.cli import main

sys.exit(main())
