package dev.caravan.surface.openai;

/** The same checks with the base URL {@code /openai/v1}. */
class CaravanOpenAiV1Test extends CaravanOpenAiTest {

    @Override
    protected String basePath() {
        return "/openai/v1";
    }
}
