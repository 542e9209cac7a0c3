# tidemark in a container, for GitLab CI and cron hosts: built with Scripts/release.sh in the Swift
# image (the self-contained binary: glibc only), run in Debian 12 slim. Not built by this project's CI
# (no Docker engine there).
#   docker build -t tidemark --build-arg TIDEMARK_COMMIT=$(git rev-parse --short=12 HEAD) .
#   docker run --rm -v "$PWD:/work" tidemark generate --input python=coverage.xml --output public
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      gcc make dpkg-dev libsqlite3-dev zlib1g-dev libdeflate-dev libxml2-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The build context has no .git: the commit comes from the build argument (else "unknown").
ARG TIDEMARK_COMMIT=""
RUN TIDEMARK_COMMIT="$TIDEMARK_COMMIT" bash Scripts/release.sh --no-wheel /dist \
    && tar -xzf /dist/tidemark-*-linux-x86_64.tar.gz -C /dist --strip-components=1

FROM debian:12-slim
COPY --from=build /dist/tidemark /usr/local/bin/tidemark
COPY --from=build /dist/THIRD-PARTY-NOTICES.txt /usr/share/doc/tidemark/
WORKDIR /work
ENTRYPOINT ["tidemark"]
CMD ["--help"]
