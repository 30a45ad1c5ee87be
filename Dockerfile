# Caravan: a multi-stage build. The first stage builds the jar with Maven; the second runs it on a JRE 17 as a
# non-root user. Settings come from application.properties (the repo's, or one mounted over /app/application.properties)
# and the environment variables it names; routes are read from /app/routes.
#
#   docker build -t caravan .
#   docker run -p 8080:8080 caravan --sandbox          # every provider emulated in-process
#   docker run -p 8080:8080 -e OPENAI_API_KEY=sk-... caravan

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# dependencies first: this layer is reused while only the sources change
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src ./src
COPY routes ./routes
COPY application.properties .
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 caravan \
    && useradd --system --uid 10001 --gid caravan --home-dir /app --shell /usr/sbin/nologin caravan
WORKDIR /app
COPY --from=build /build/target/lib/ ./lib/
COPY --from=build /build/target/caravan.jar ./caravan.jar
COPY routes ./routes
COPY application.properties .
# Writable places for a read-only root filesystem: multipart uploads are spooled to disk, the embedded store (used
# only when caravan.store.endpoint is empty) keeps its data on disk.
RUN mkdir -p /tmp/caravan/uploads /var/lib/caravan/store && chown -R caravan:caravan /tmp/caravan /var/lib/caravan
ENV CARAVAN_HOST=0.0.0.0 \
    CARAVAN_PORT=8080 \
    CARAVAN_UPLOAD_DIR=/tmp/caravan/uploads \
    CARAVAN_STORE_DIR=/var/lib/caravan/store \
    JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=3 -XX:MaxRAMPercentage=25 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2
USER 10001:10001
EXPOSE 8080
# Liveness, as Kubernetes probes it; the JRE image has no curl, so bash speaks HTTP/1.0 over /dev/tcp.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${CARAVAN_PORT} && printf "GET /observe/health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["java", "-jar", "/app/caravan.jar"]
