#!/bin/sh
# An AWS_LAMBDA_EXEC_WRAPPER script: marks the environment, then runs the runtime unchanged.
export WRAPPED_BY=wrapper.sh
exec "$@"
