from moto_ext.core.responses import ExtResponse


class NeptuneDataResponse(ExtResponse):
    def __init__(self) -> None:
        super().__init__(service_name="neptunedata")
