// SceneGen
